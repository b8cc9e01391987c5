import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

import { ERP_CACHE_KINDS, type ErpCacheKind } from './erp-master-data-cache.service.js';

export class CacheInvalidationRequestDto {
  @ApiPropertyOptional({
    description: 'Kind of master data to drop; every kind when absent.',
    enum: ERP_CACHE_KINDS,
    example: 'customer',
  })
  @IsOptional()
  @IsIn(ERP_CACHE_KINDS)
  kind?: ErpCacheKind;

  @ApiPropertyOptional({
    description: 'Key to drop (a customer number; `table` for the fuel table); every key when absent.',
    example: 'C-1001',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  key?: string;
}

export class CacheInvalidationView {
  @ApiProperty({ description: 'Cache entries dropped by this process.', example: 2 })
  invalidated: number;
}
