import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Length, Min } from 'class-validator';

export class CreditCheckRequestDto {
  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  @IsString()
  @Length(1, 40)
  customerId: string;

  @ApiProperty({ description: 'Amount about to be invoiced, in cents.', example: 107801 })
  @IsInt()
  @Min(0)
  amountCents: number;
}

export class CreditCheckView {
  @ApiProperty({ description: 'Whether the ERP approves invoicing the amount.', example: true })
  approved: boolean;

  @ApiProperty({ description: 'Credit left before the amount, in cents.', example: 37550000 })
  availableCreditCents: number;

  @ApiPropertyOptional({
    description: 'Why the amount is not approved.',
    example: 'Customer C-1003 is on credit hold.',
  })
  reason?: string;
}
