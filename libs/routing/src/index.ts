export { RoutingModule } from './routing.module';
export { ChatCompletionHandler } from './chat/chat-completion.handler';
export type { ChatAnswer } from './chat/chat-completion.handler';
export type { ChatStreamSink } from './chat/chat-stream.sink';
