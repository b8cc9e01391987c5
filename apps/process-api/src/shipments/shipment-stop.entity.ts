import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

import { ShipmentEntity } from './shipment.entity.js';

@Entity('shipment_stops')
export class ShipmentStopEntity {
  @PrimaryColumn({ name: 'shipment_id', type: 'varchar', length: 40 })
  shipmentId: string;

  @PrimaryColumn({ type: 'int' })
  sequence: number;

  @Column({ type: 'varchar', length: 16 })
  kind: 'pickup' | 'delivery';

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 80 })
  city: string;

  @Column({ type: 'varchar', length: 3 })
  region: string;

  @Column({ name: 'postal_code', type: 'varchar', length: 12 })
  postalCode: string;

  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Column({ name: 'appointment_at', type: Date })
  appointmentAt: Date;

  @ManyToOne(() => ShipmentEntity, (shipment) => shipment.stops, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shipment_id' })
  shipment: Relation<ShipmentEntity>;
}
