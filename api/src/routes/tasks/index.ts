import { createRouter } from '../../router.ts';
import {
  bulkHandler,
  bulkRoute,
  clearCompletedHandler,
  clearCompletedRoute,
} from './bulk-routes.ts';
import { countTasksHandler, countTasksRoute } from './counts-route.ts';
import { createTaskHandler, createTaskRoute } from './create-route.ts';
import { deleteTaskHandler, deleteTaskRoute } from './delete-route.ts';
import { getTaskHandler, getTaskRoute } from './get-route.ts';
import { listTasksHandler, listTasksRoute } from './list-route.ts';
import { historyHandler, historyRoute, skipHandler, skipRoute } from './recurrence-routes.ts';
import { restoreOccurrenceHandler, restoreOccurrenceRoute } from './restore-route.ts';
import { restoreTaskHandler, restoreTaskRoute } from './restore-task-route.ts';
import { taskHook } from './route-parts.ts';
import * as update from './update-routes.ts';

/**
 * `/tasks…` routes; every handler makes exactly one database round trip (none for invalid input
 * or a malformed id). `/tasks/counts` comes before `/tasks/{id}`, which would take it for an id.
 */
export const taskRoutes = createRouter(taskHook)
  .openapi(listTasksRoute, listTasksHandler)
  .openapi(createTaskRoute, createTaskHandler)
  .openapi(countTasksRoute, countTasksHandler)
  .openapi(getTaskRoute, getTaskHandler)
  .openapi(update.patchTaskRoute, update.patchTaskHandler)
  .openapi(update.putTaskRoute, update.putTaskHandler)
  .openapi(update.toggleTaskRoute, update.toggleTaskHandler)
  .openapi(update.setCompletionRoute, update.setCompletionHandler)
  .openapi(historyRoute, historyHandler)
  .openapi(skipRoute, skipHandler)
  .openapi(restoreOccurrenceRoute, restoreOccurrenceHandler)
  .openapi(restoreTaskRoute, restoreTaskHandler)
  .openapi(deleteTaskRoute, deleteTaskHandler)
  .openapi(bulkRoute, bulkHandler)
  .openapi(clearCompletedRoute, clearCompletedHandler);
