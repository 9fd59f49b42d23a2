// One validation helper for every app: the contracts lib owns the error shape.
export { parseRequest } from '@llmgw/contracts';
