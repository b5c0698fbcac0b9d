// Messages of issue 17's analyst work, Vietnamese and English.
import type { Catalogue } from '../index.ts';

const messages: Catalogue = {
  vi: {},
  en: {},
};

export default messages;
