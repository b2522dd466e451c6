/**
 * What only the EventStoreDB adapter's tests need from the client (building raw
 * events, the client's own errors). Kept out of src/adapters/eventstoredb/client.ts
 * so the adapter's bundle imports nothing it does not use; moving to KurrentDB's
 * client changes this import too.
 */
export { binaryEvent, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
