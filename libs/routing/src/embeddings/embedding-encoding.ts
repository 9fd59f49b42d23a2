import type { EmbeddingList } from '@llmgw/contracts';

/**
 * `encoding_format: "base64"` (the official SDKs' default) asks for little-endian float32
 * bytes in base64. Providers that only return floats are converted here, once for all.
 */
export function encodeEmbeddings(list: EmbeddingList, format: 'float' | 'base64' | undefined): EmbeddingList {
  if (format !== 'base64') return list;
  return {
    ...list,
    data: list.data.map((item) => (typeof item.embedding === 'string' ? item : { ...item, embedding: toBase64Float32(item.embedding) })),
  };
}

function toBase64Float32(values: number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
