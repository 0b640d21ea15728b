import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { ProblemException, type FieldProblem } from './problem';

/** Flattens class-validator's tree into "field: why", with dotted paths (`members.2.unitId`). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const reason of Object.values(error.constraints ?? {})) out.push({ field, reason });
    if (error.children?.length) out.push(...fieldProblems(error.children, field));
  }
  return out;
}

/**
 * whitelist + forbid unknown fields + transform, and a 400 that lists every field and why.
 * Messages are class-validator's, which name the rule, never the value sent (a ballot's choice
 * must not come back in an error).
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => {
        const problems = fieldProblems(errors);
        return new ProblemException(400, 'VALIDATION_FAILED', 'Invalid input', describe(problems), { errors: problems });
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new ProblemException(400, 'BODY_NOT_OBJECT', 'Invalid input', 'The body must be a JSON object.', {
          errors: [{ field: '(body)', reason: 'must be a JSON object' }],
        });
      }
    }
    return super.transform(value, metadata);
  }
}

function describe(problems: FieldProblem[]): string {
  if (problems.length === 0) return 'The input is not valid.';
  const first = problems.slice(0, 3).map((p) => `${p.field}: ${p.reason}`);
  return first.join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
}
