import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Page selection shared by every list route: `page` from 1, `pageSize` up to 100 (25 by default). */
export class PageQuery {
  @ApiPropertyOptional({ description: 'Page number, from 1.', example: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ description: 'Page size, at most 100.', example: 25, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

/** Where a page of a list route stands; each list's page class adds its `items`. */
export class PageView {
  @ApiProperty({ description: 'Number of items matching the filter, on all pages.', example: 42 })
  total: number;

  @ApiProperty({ description: 'Page number, from 1.', example: 1 })
  page: number;

  @ApiProperty({ description: 'Page size.', example: 25 })
  pageSize: number;
}
