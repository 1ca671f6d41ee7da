import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { itemStoreContract } from './item-store.contract.js';
import { searchContract } from './search.contract.js';
import { stageStoreContract } from './stage-store.contract.js';

itemStoreContract(
  'sqlite',
  () => openSqliteStore(':memory:'),
  (s) => s.close(),
);

stageStoreContract(
  'sqlite',
  () => openSqliteStore(':memory:'),
  (s) => s.close(),
);

searchContract(
  'sqlite',
  () => openSqliteStore(':memory:'),
  (s) => s.close(),
);
