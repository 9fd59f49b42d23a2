import { describeAdmissionStoreContract } from './admission.store.contract';
import { InMemoryAdmissionStore } from './in-memory-admission.store';

describeAdmissionStoreContract('in-memory', () => () => new InMemoryAdmissionStore());
