import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';

/** Ids are chosen by clients (UUIDs, or readable codes such as "2026-flag"): no spaces, no slashes. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export const IsId = (example = '2f1c6a52-6a38-4a55-8f47-0b6a40a3d1a1', description?: string) =>
  applyDecorators(
    ApiProperty({ example, description, pattern: ID_PATTERN.source, maxLength: 100 }),
    IsString(),
    Matches(ID_PATTERN, { message: '$property must be 1 to 100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit' }),
  );

export const IsOptionalId = (description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, pattern: ID_PATTERN.source, maxLength: 100 }),
    IsOptional(),
    IsString(),
    Matches(ID_PATTERN, { message: '$property must be 1 to 100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit' }),
  );

export const IsText = (max: number, example?: string, description?: string) =>
  applyDecorators(ApiProperty({ example, description, minLength: 1, maxLength: max }), IsString(), MinLength(1), MaxLength(max));

export const IsInstant = (example = '2026-09-01T08:00:00+07:00', description?: string) =>
  applyDecorators(
    ApiProperty({ example, description, format: 'date-time' }),
    IsString(),
    IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be an ISO-8601 instant such as 2026-09-01T08:00:00+07:00' }),
    Matches(/T/, { message: '$property must include a time' }),
  );

export const IsLocalDate = (example = '2026-10-15', description?: string) =>
  applyDecorators(
    ApiProperty({ example, description, format: 'date' }),
    IsString(),
    Length(10, 10),
    IsISO8601({ strict: true }, { message: '$property must be a date such as 2026-10-15' }),
  );
