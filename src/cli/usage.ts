/** Help text, kept apart from the commands so each command file holds only behaviour. */

export const MAIN_USAGE = `Usage: stratus <command> [options]

Commands:
  start     Run the server (SQS, Lambda) on one local port
  status    Show what a running server holds
  logs      Show a Lambda function's logs (--follow to keep watching)
  reset     Forget every resource in a running server (needs --admin on the server)

Options:
  -h, --help       Show help (also: stratus <command> --help)
  -v, --version    Print the version
`;

export const START_USAGE = `Usage: stratus start [options]

Options:
  --host <host>               Interface to listen on (default 127.0.0.1)
  --port <port>               Port (default 4566; 0 picks a free one)
  --data-dir <dir>            Where the SQLite file lives (default ./.stratus)
  --in-memory                 Keep nothing on disk
  --region <region>           Default region (default us-east-1)
  --log-level <level>         debug, info, warn, error or silent (default info)
  --admin                     Enable the admin API: /_stratus/reset and /_stratus/clock
  --manual-clock              Time moves only through POST /_stratus/clock
  --access-key-id <id>        Require SigV4 signatures with this key...
  --secret-access-key <key>   ...and this secret
  --account-id <id>           Account of that key (default 000000000000)
  --lambda-concurrency <n>    Lambda account concurrency limit (default 1000)
  --lambda-idle-seconds <n>   Stop warm Lambda environments idle this long (default 300)
  --lambda-scaling <model>    rate (1,000 new environments per function per 10 s, default),
                              burst (the older regional burst, then 500 a minute) or burst:<n>
  --sfn-mock-config <file>    Step Functions Local mock config (also SFN_MOCK_CONFIG): executions
                              of <state machine ARN>#<test case> get its mocked Task responses
  -h, --help                  Show this help

Environment:
  STRATUS_ACCESS_KEY_ID, STRATUS_SECRET_ACCESS_KEY, STRATUS_ACCOUNT_ID  credentials (flags win)
  STRATUS_ADMIN=1                                                       same as --admin
`;

export const STATUS_USAGE = `Usage: stratus status [--endpoint <url>]

Options:
  --endpoint <url>   Server to ask (default $STRATUS_ENDPOINT or http://127.0.0.1:4566)
  -h, --help         Show this help
`;

export const RESET_USAGE = `Usage: stratus reset [--endpoint <url>]

Forgets every resource in every service. The server must run with --admin.

Options:
  --endpoint <url>   Server to reset (default $STRATUS_ENDPOINT or http://127.0.0.1:4566)
  -h, --help         Show this help
`;

export const LOGS_USAGE = `Usage: stratus logs <function> [--follow] [--endpoint <url>]

Prints the recent log lines of a Lambda function (name or ARN): START, what the handler
printed, END and REPORT, as CloudWatch Logs would show them.

Options:
  -f, --follow       Keep printing new lines until interrupted
  --endpoint <url>   Server to ask (default $STRATUS_ENDPOINT or http://127.0.0.1:4566)
  -h, --help         Show this help
`;
