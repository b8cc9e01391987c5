import { ApplicationError } from '@lanegate/platform';

export type AuditLogErrorCode = 'AUDIT_ENTRY_INVALID' | 'AUDIT_QUERY_INVALID' | 'AUDIT_OUTSIDE_TRANSACTION';

/** A caller used the audit log wrongly; a bug in Lanegate, never the client's fault, so it maps to 500. */
export class AuditLogError extends ApplicationError {
  constructor(code: AuditLogErrorCode, detail: string) {
    super({ code, status: 500, title: 'Audit log misuse', detail });
  }
}
