// The runtime-independent half of the chatbot's lookup: its input is {"query": "<name or id>"} from a
// direct invoke, or ?q=<name or id> from a Function URL or API Gateway. A blank query is answered,
// not thrown: the chatbot shows the message to whoever typed it.
import { z } from 'zod';
import { parseTaskInput } from '../task-input.js';
import { lookupSimilar, type LookupPorts, type LookupResponse } from './lookup.js';

export const similarInputSchema = z.looseObject({
  query: z.string().optional(),
  queryStringParameters: z.looseObject({ q: z.string().optional() }).nullish(),
});

export type SimilarResponse = LookupResponse | { status: 'bad_request'; answers: []; message: string };

export async function handleSimilar(event: unknown, ports: LookupPorts): Promise<SimilarResponse> {
  const input = parseTaskInput('Similar', similarInputSchema, event);
  const query = input.query ?? input.queryStringParameters?.q ?? '';
  if (query.trim() === '') return { status: 'bad_request', answers: [], message: 'give an artist name or id as "query" (or ?q=)' };
  return lookupSimilar(query, ports);
}
