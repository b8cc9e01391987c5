import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

import { ApplicationError, type Principal } from '@lanegate/platform';

/**
 * The customer of the portal token: the only customer whose shipments, invoices and proofs of delivery the caller
 * may read. The token strategy already refuses a portal token without one; this is the last guard.
 */
export const PortalCustomer = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const { user } = context.switchToHttp().getRequest<{ user?: Principal }>();
  const customerId = user?.customerId;
  if (customerId === undefined || customerId === '') {
    throw new ApplicationError({
      code: 'CUSTOMER_CLAIM_MISSING',
      status: 403,
      title: 'Customer claim missing',
      detail: 'A portal token must name its customer in the customer_id claim.',
    });
  }

  return customerId;
});
