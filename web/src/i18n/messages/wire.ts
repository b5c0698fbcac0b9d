// Messages of issue 18's wire work, Vietnamese and English.
import type { Catalogue } from '../index.ts';

const messages: Catalogue = {
  vi: {},
  en: {},
};

export default messages;
