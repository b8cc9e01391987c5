/** A stop of a tendered load. */
export interface TenderStop {
  sequence: number;
  type: 'pickup' | 'delivery';
  appointmentAt: string;
  name?: string;
  city?: string;
  state?: string;
  postalCode?: string;
}

/** A load offered, or assigned when it names the carrier, to the dispatch platform. */
export interface DispatchTender {
  tenderId: string;
  shipmentId: string;
  carrier?: { scac: string; name: string };
  routeMiles: number;
  stops: TenderStop[];
  rateCents?: number;
  tenderedAt: string;
  respondBy?: string;
}

/** The platform's answer to a tender. */
export interface PlatformTenderReceipt {
  tenderId: string;
  platformLoadId: string;
  status: string;
  receivedAt: string;
  /** The platform had the tender already (an earlier attempt reached it). */
  repeated: boolean;
}
