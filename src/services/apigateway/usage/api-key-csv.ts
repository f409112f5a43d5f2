/**
 * ImportApiKeys' CSV: a header row naming the columns in any order and any case; Name and Key
 * are required, Description, Enabled and UsagePlanIds optional, others ignored. A value may be
 * quoted with double or single quotes (UsagePlanIds lists several plans as "a,b"). Missing
 * values default to an empty string or true. A Key is 20 to 128 characters, a Name at most 1024.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-key-file-format.html
 */

export interface ImportedKey {
  /** 1-based line in the file, for warnings. */
  line: number;
  name: string;
  key: string;
  description: string;
  enabled: boolean;
  usagePlanIds: string[];
}

export interface ParsedKeys {
  keys: ImportedKey[];
  /** Rows skipped, and why. */
  warnings: string[];
}

/** Throws an Error with AWS-style text when the file has no usable header. */
export function parseApiKeyCsv(text: string): ParsedKeys {
  const rows = splitRows(text.replace(/^\uFEFF/, ""));
  const header = rows.shift();
  if (!header) throw new Error("Invalid API key file: the file is empty");
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const at = (name: string) => columns.indexOf(name);
  if (at("name") < 0 || at("key") < 0) throw new Error("Invalid API key file: the header must contain the Name and Key columns");
  const keys: ImportedKey[] = [];
  const warnings: string[] = [];
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === "")) continue;
    const cell = (name: string) => (at(name) >= 0 ? (row.cells[at(name)] ?? "").trim() : "");
    const name = cell("name");
    const key = cell("key");
    const enabledText = cell("enabled").toLowerCase();
    if (key.length < 20 || key.length > 128) {
      warnings.push(`Invalid API key value on line ${row.line}: a Key must be between 20 and 128 characters`);
      continue;
    }
    if (name.length > 1024) {
      warnings.push(`Invalid API key name on line ${row.line}: a Name cannot exceed 1024 characters`);
      continue;
    }
    if (enabledText !== "" && enabledText !== "true" && enabledText !== "false") {
      warnings.push(`Invalid Enabled value on line ${row.line}: ${cell("enabled")}`);
      continue;
    }
    const planIds = cell("usageplanids")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    keys.push({ line: row.line, name, key, description: cell("description"), enabled: enabledText !== "false", usagePlanIds: planIds });
  }
  return { keys, warnings };
}

interface Row {
  line: number;
  cells: string[];
}

/** RFC 4180 rows, with ' accepted as a quote character as well as ". */
function splitRows(text: string): Row[] {
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = "";
  let quote: string | undefined;
  let line = 1;
  let rowLine = 1;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && text[i + 1] === quote) {
        cell += c;
        i++;
      } else if (c === quote) {
        quote = undefined;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
      continue;
    }
    if ((c === '"' || c === "'") && atCellStart) {
      quote = c;
      atCellStart = false;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
      atCellStart = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      atCellStart = true;
      line++;
      rowLine = line;
    } else {
      if (c !== " " && c !== "\t") atCellStart = false;
      cell += c;
    }
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows.filter((r, i) => i === 0 || r.cells.some((c) => c !== ""));
}
