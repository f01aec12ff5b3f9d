import { fail, ok, type Result } from '../errors.js';
import type { PlayerFieldSpec } from './types.js';

export interface FieldProblem {
  key: string;
  label: string;
  /** What the buyer should fix, as a message parameter. */
  problem: 'missing' | 'spaces' | 'pattern' | 'too_short' | 'too_long' | 'not_an_option';
  hint?: string;
}

/**
 * Checks what the buyer typed against a product's local rules before any reseller call:
 * required, no spaces inside an id (Lapakgaming refuses them), pattern, length, closed lists.
 * Returns the cleaned values (trimmed; an option matched by its label becomes its value).
 */
export function validatePlayerFields(
  fields: readonly PlayerFieldSpec[],
  input: Record<string, string | undefined>,
): Result<Record<string, string>, 'player_fields_invalid'> & { problems?: FieldProblem[] } {
  const clean: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    const problem = checkField(field, input[field.key]);
    if (typeof problem === 'string') {
      if (problem !== '') clean[field.key] = problem;
    } else {
      problems.push(problem);
    }
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    return {
      ...fail('player_fields_invalid', problems.map((p) => `${p.key}: ${p.problem}`).join('; '), {
        field: first.label,
        problem: first.problem,
        ...(first.hint ? { hint: first.hint } : {}),
      }),
      problems,
    };
  }
  return ok(clean);
}

/** The cleaned value ('' for an absent optional field), or the problem. */
export function checkField(field: PlayerFieldSpec, raw: string | undefined): string | FieldProblem {
  const value = (raw ?? '').trim();
  const problem = (kind: FieldProblem['problem']): FieldProblem => ({
    key: field.key,
    label: field.label,
    problem: kind,
    ...(field.hint ? { hint: field.hint } : {}),
  });
  if (value === '') return field.required ? problem('missing') : '';
  if (field.options && field.options.length > 0) {
    const wanted = value.toLowerCase();
    const option = field.options.find((o) => o.value.toLowerCase() === wanted || o.label.toLowerCase() === wanted);
    return option ? option.value : problem('not_an_option');
  }
  if (/\s/.test(value)) return problem('spaces');
  if (field.minLength !== undefined && value.length < field.minLength) return problem('too_short');
  if (field.maxLength !== undefined && value.length > field.maxLength) return problem('too_long');
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(value)) return problem('pattern');
  return value;
}
