import { requireAccess, type Ctx } from '../context.js';
import { loadCustomer, type Customer } from './customer.js';

export async function getCustomer(ctx: Ctx, id: number): Promise<Customer> {
  requireAccess(ctx, 'customers', 'read');
  return loadCustomer(ctx.db, id);
}
