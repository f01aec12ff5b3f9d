import type { CatalogService } from '../catalog/catalog-service.js';
import type { CoreLogger } from '../clock.js';
import type { ResellerWebhookEvent } from '../ports/reseller.js';
import type { Storage } from '../ports/storage.js';
import type { Fulfilment } from './fulfilment.js';

export type ResellerEventOutcome = 'applied' | 'duplicate' | 'unknown_order' | 'rejected' | 'not_supported' | 'product_updated';

/**
 * Takes a reseller's webhook, already parsed and verified by its adapter, and applies it:
 * once per delivery, only to that reseller's own orders, never moving an order backwards.
 * A delivery recorded but not applied (crash in between) is caught by the reconciler's poll.
 */
export class ResellerEvents {
  constructor(
    private readonly deps: {
      storage: Storage;
      fulfilment: Fulfilment;
      catalog: CatalogService;
      logger: CoreLogger;
      onRejected?: (resellerId: string, reason: string) => void;
    },
  ) {}

  async handle(resellerId: string, event: ResellerWebhookEvent): Promise<ResellerEventOutcome> {
    switch (event.kind) {
      case 'not_supported':
        return 'not_supported';
      case 'rejected':
        this.deps.onRejected?.(resellerId, event.reason);
        this.deps.logger.warn({ reseller: resellerId, reason: event.reason, detail: event.detail }, 'reseller webhook refused');
        return 'rejected';
      case 'product': {
        if (!(await this.deps.storage.webhooks.record(`reseller:${resellerId}`, event.deliveryId))) return 'duplicate';
        const updated = await this.deps.catalog.applyProductUpdate(resellerId, event.product);
        return updated ? 'product_updated' : 'unknown_order';
      }
      case 'order': {
        if (!(await this.deps.storage.webhooks.record(`reseller:${resellerId}`, event.deliveryId))) return 'duplicate';
        const orders = this.deps.storage.orders;
        const order =
          (event.reference ? await orders.findByReference(event.reference) : undefined) ??
          (event.resellerOrderId ? await orders.findByResellerOrderId(resellerId, event.resellerOrderId) : undefined);
        if (!order || order.resellerId !== resellerId) {
          this.deps.logger.warn({ reseller: resellerId, reference: event.reference, resellerOrderId: event.resellerOrderId }, 'webhook for an order we do not have with this reseller');
          return 'unknown_order';
        }
        await this.deps.fulfilment.apply(order, event.state, `webhook from ${resellerId}`);
        return 'applied';
      }
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled reseller event ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
