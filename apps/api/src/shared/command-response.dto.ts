import { ApiProperty } from '@nestjs/swagger';

class RecordedEventDto {
  @ApiProperty({ example: 'BallotCast' }) type!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() position!: number;
}

/** What every command answers: where its events landed, never their data. */
export class CommandResponseDto {
  @ApiProperty({ example: 'nomination-2f1c6a52' }) streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ type: [Number] }) positions!: number[];
  @ApiProperty({ type: [RecordedEventDto] }) events!: RecordedEventDto[];
  @ApiProperty({ description: 'True when an identical command had already been applied' }) replayed!: boolean;
}
