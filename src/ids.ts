import { v7 as uuidv7 } from 'uuid';

/** Time-ordered, unguessable ids (UUIDv7): they index well and reveal no count. */
export function newId(): string {
  return uuidv7();
}
