/** Returns a bare string: API Gateway answers 200 with it as the body. */
export const handler = async () => 'plain answer';
