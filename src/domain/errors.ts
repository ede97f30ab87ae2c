/** One problem in an input: where (file, line, field) and what. Line is 1-based; 0 means the whole file. */
export interface InputIssue {
  file: string;
  line: number;
  field?: string;
  column?: number;
  message: string;
}

export function formatIssue(i: InputIssue): string {
  const where = [
    i.file,
    i.line > 0 ? `line ${i.line}` : '',
    i.column ? `column ${i.column}` : '',
    i.field ? `field "${i.field}"` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${i.message}`;
}

/** Bad input: every problem found at once. The CLI maps it to exit code 2. */
export class BadInputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    super(
      issues.length === 1
        ? formatIssue(issues[0]!)
        : `${issues.length} problems in the input:\n${issues.map(formatIssue).join('\n')}`,
    );
    this.name = 'BadInputError';
    this.issues = issues;
  }
}
