// The writer for each entity.
import type { EntityName, EntityRecordMap } from '../../contract.js';
import type { RecordWriter } from '../types.js';
import { agentWriter } from './agents.js';
import { customerWriter } from './customers.js';
import { licenceWriter } from './licences.js';
import { userWriter } from './users.js';

const WRITERS: { [E in EntityName]: RecordWriter<EntityRecordMap[E]> } = {
  customers: customerWriter,
  licences: licenceWriter,
  users: userWriter,
  agents: agentWriter,
};

export function writerFor<E extends EntityName>(entity: E): RecordWriter<EntityRecordMap[E]> {
  return WRITERS[entity];
}
