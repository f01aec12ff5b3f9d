import type { z } from 'zod';
import {
  UpstreamClient,
  type ClientRateLimit,
  type UpstreamClientOptions,
  type UpstreamRequest,
} from '../shared/upstream-client.js';
import {
  balanceData,
  bestProductData,
  categoriesData,
  createOrderData,
  envelope,
  fxRateData,
  groupProductsData,
  orderStatusData,
  productsData,
  uidCheckData,
  type Enveloped,
} from './lapakgaming.wire.js';

/** Operations that hit the product endpoints, limited to 50 requests / 10 s. */
export const PRODUCT_OPERATIONS = ['getProducts', 'getAllProducts'];

/**
 * The documented limits (500 requests / 10 s per source IP, 50 / 10 s on Get Products),
 * enforced client-side so callers wait for a slot instead of meeting HTTP 429.
 */
export const LAPAKGAMING_RATE_LIMITS: ClientRateLimit[] = [
  { points: 500, windowMs: 10_000 },
  { points: 50, windowMs: 10_000, operations: PRODUCT_OPERATIONS },
];

/**
 * Business answers may come with HTTP 200 (as the document's HTTP code list implies) or
 * with a 4xx; both carry the `{code}` envelope and are read the same way.
 */
const BUSINESS_STATUSES = [400, 404, 409, 422];

export interface OrderBody {
  product_code?: string;
  group_product?: string;
  country_code?: string;
  count_order: number;
  /** Rupiah as a JSON number: the service compares it exactly with its own price. */
  price: number;
  partner_reference_id: string;
  user_id?: string;
  additional_id?: string;
  additional_information?: string;
  end_user_ip_address?: string;
  override_callback_url?: string;
}

/** Every Lapakgaming endpoint, with its path and operation name in one place. */
export class LapakgamingApi {
  readonly client: UpstreamClient;

  constructor(options: Omit<UpstreamClientOptions, 'upstream' | 'headers'> & { apiKey: string }) {
    const { apiKey, rateLimits, ...rest } = options;
    this.client = new UpstreamClient({
      ...rest,
      upstream: 'lapakgaming',
      rateLimits: rateLimits ?? LAPAKGAMING_RATE_LIMITS,
      headers: { authorization: `Bearer ${apiKey}` },
    });
  }

  private async call<T extends z.ZodType>(
    request: Omit<UpstreamRequest<Enveloped<z.output<T>>>, 'schema' | 'acceptStatus'>,
    data: T,
  ): Promise<Enveloped<z.output<T>>> {
    const schema = envelope(data) as unknown as z.ZodType<Enveloped<z.output<T>>>;
    const response = await this.client.request({ ...request, schema, acceptStatus: BUSINESS_STATUSES });
    return response.data;
  }

  categories(countryCode: string) {
    return this.call({ operation: 'getCategories', method: 'GET', path: '/api/category', query: { country_code: countryCode }, idempotent: true }, categoriesData);
  }

  products(query: { category_code?: string; product_code?: string; country_code: string }) {
    return this.call({ operation: 'getProducts', method: 'GET', path: '/api/product', query, idempotent: true }, productsData);
  }

  allProducts(countryCode: string) {
    return this.call({ operation: 'getAllProducts', method: 'GET', path: '/api/all-products', query: { country_code: countryCode }, idempotent: true }, productsData);
  }

  balance() {
    return this.call({ operation: 'getBalance', method: 'GET', path: '/api/balance', idempotent: true }, balanceData);
  }

  /** Not repeated on failure: the document promises no de-duplication by our reference. */
  createOrder(body: OrderBody) {
    return this.call({ operation: 'createOrder', method: 'POST', path: '/api/order', body, idempotent: false }, createOrderData);
  }

  orderStatus(by: { tid: string } | { partner_reference_id: string }) {
    return this.call({ operation: 'getOrderStatus', method: 'GET', path: '/api/order_status', query: by, idempotent: true }, orderStatusData);
  }

  /** A lookup, safe to repeat although it is a POST. */
  uidCheck(body: { category_code: string; user_id: string; additional_id?: string }) {
    return this.call({ operation: 'checkPlayer', method: 'POST', path: '/api/uid-check', body, idempotent: true }, uidCheckData);
  }

  groupProducts(query: { category_code?: string; group_product_code: string; country_code: string }) {
    return this.call({ operation: 'getGroupProducts', method: 'GET', path: '/api/catalogue/group-products', query, idempotent: true }, groupProductsData);
  }

  bestProduct(groupProductCode: string, countryCode: string) {
    const path = `/api/catalogue/group-products/${encodeURIComponent(groupProductCode)}/best-product`;
    return this.call({ operation: 'getBestProduct', method: 'GET', path, query: { country_code: countryCode }, idempotent: true }, bestProductData);
  }

  fxRate(from: string, to: string) {
    return this.call({ operation: 'getFxRate', method: 'GET', path: '/api/fx-rate.php', query: { from_currency: from, to_currency: to }, idempotent: true }, fxRateData);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
