// Messages of the map part of the app, Vietnamese and English.
import type { Catalogue } from '../index.ts';

const messages: Catalogue = {
  vi: {},
  en: {},
};

export default messages;
