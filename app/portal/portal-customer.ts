/** The logged-in storefront customer behind an app-proxy request (id from logged_in_customer_id). */
export interface PortalCustomer {
  shopifyCustomerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}
/** A file a creator uploaded (multipart form field). */
export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}
