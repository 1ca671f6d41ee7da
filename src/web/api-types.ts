/**
 * The shapes the UI reads from the API. They are declared once in the domain (src/domain/views.ts)
 * and shared with the store that returns them; `test/web/api-types.test.ts` keeps the UI's view
 * tied to what the server and store actually return.
 */
export type {
  ClusterMemberView,
  ClusterView,
  EventDetailView,
  EventLinkedItem,
  EventPost,
  ItemMediaView,
  ItemRow,
  LinkedItemView,
  LiveSourceView,
  MediaDisplay,
  MediaMatchView,
  QueueRow,
  SearchSnippet,
  Spread,
  SpreadEdge,
} from '../domain/views.js';
