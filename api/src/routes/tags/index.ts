import { createRouter } from '../../router.ts';
import { listTagsHandler, listTagsRoute } from './list-tags-route.ts';

/** `/tags`: read from the counters the task writes keep, one round trip. */
export const tagRoutes = createRouter().openapi(listTagsRoute, listTagsHandler);
