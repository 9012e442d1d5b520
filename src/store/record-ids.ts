// Where every store's per-portal record id sequence starts.

/** Record ids start at 11 digits, like HubSpot's, so clients never get away with 32-bit ids. */
export const FIRST_RECORD_ID = 10_000_000_001;
