import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AppStores } from './stores/index.js';

const StoresContext = createContext<AppStores | null>(null);

export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside StoresProvider');
  return stores;
}

/** Reads one store of the app with a selector; re-renders only when the selected value changes. */
export function useAppStore<S, U>(pick: (stores: AppStores) => StoreApi<S>, selector: (state: S) => U): U {
  return useStore(pick(useStores()), selector);
}
