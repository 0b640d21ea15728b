import { Injectable, Param, PipeTransform } from '@nestjs/common';
import { ProblemException } from '../errors/problem';
import { ID_PATTERN } from './validators';

/** Path ids follow the same shape as body ids; anything else is a 400 naming the parameter. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}
  transform(value: string): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      throw new ProblemException(400, 'VALIDATION_FAILED', 'Invalid input', `${this.name} is not a valid id.`, {
        errors: [{ field: this.name, reason: 'must be 1 to 100 letters, digits, ".", "_", ":" or "-"' }],
      });
    }
    return value;
  }
}

export const IdParam = (name: string) => Param(name, new IdParamPipe(name));
