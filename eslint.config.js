// Lint rules: typescript-eslint's recommended set, plus the project's rule that time goes
// through the clock (core/clock.ts is the one place allowed to touch wall time and timers).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".stratus/**", "test/fixtures/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/services/**/*.ts"],
    rules: {
      "no-restricted-properties": ["error",
        { object: "Date", property: "now", message: "Read time from ctx.clock.now()." }],
      "no-restricted-globals": ["error",
        { name: "setTimeout", message: "Schedule through the clock or the durable scheduler." },
        { name: "setInterval", message: "Schedule through the clock or the durable scheduler." }],
    },
  },
);
