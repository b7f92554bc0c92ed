// The Admin GraphQL operation that starts a Flow trigger (API 2026-04: `flowTriggerReceive(handle:,
// payload:)`; `body` is deprecated). Checked against the Admin schema by the tests' stand-in.
export const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }`;
