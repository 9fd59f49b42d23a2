export { RoutingModule } from './routing.module';
export { ChatCompletionHandler } from './chat/chat-completion.handler';
export type { ChatAnswer } from './chat/chat-completion.handler';
export type { ChatStreamSink } from './chat/chat-stream.sink';
export { EmbeddingsHandler } from './embeddings/embeddings.handler';
export type { EmbeddingAnswer } from './embeddings/embeddings.handler';
