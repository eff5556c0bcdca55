// Test helpers of the Bedrock plugin (the wire-level Bedrock Runtime server) are exported here.
export {};
