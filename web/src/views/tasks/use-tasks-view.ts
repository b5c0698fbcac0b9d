// The screen "Nhiệm vụ"'s choices (tasks-view.ts) kept in the address: a change replaces the URL's query (a copied
// link opens the same grouping, filters and detail). They are read from the address at each render, so Back,
// Forward and a change of unit (which writes a new URL without them) are followed as they are.
import { useCallback, useState } from 'react';
import { parseTasksView, writeTasksView, type TasksView } from './tasks-view.ts';

export function useTasksView(): [TasksView, (patch: Partial<TasksView>) => void] {
  const [, redraw] = useState(0);
  const view = parseTasksView(window.location.search);
  const update = useCallback((patch: Partial<TasksView>) => {
    const next = { ...parseTasksView(window.location.search), ...patch };
    const url = `${window.location.pathname}${writeTasksView(window.location.search, next)}`;
    window.history.replaceState(window.history.state, '', url);
    redraw((n) => n + 1);
  }, []);
  return [view, update];
}
