/**
 * A shop's word list and its customers' messages, made up the same way every run
 * (a seeded generator): 10,000 distinct sensitive words (most 2 to 4 Chinese
 * characters, some Latin or mixed, as real lists hold: 加微信, vx号, 代开发票,
 * casino88) and messages of 50 to 300 characters mixing Chinese sentences,
 * punctuation, order numbers, model names and links, a third of them planted with
 * one or two listed words (short words also turn up in ordinary text by chance).
 */

const COMMON =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴置病客服快递退款发货尺码颜色优惠券';
const LATIN = ['vx', 'qq', 'wx', 'tg', 'app', 'vip', 'casino', 'bet', 'loan', 'usdt', 'btc', 'porn', 'sex', 'gun', 'drug', 'cash', 'free', 'bonus', 'win', 'link'];
const PHRASES = ['请问这个有货吗', '什么时候发货', '我想退款', '尺码偏大还是偏小', '快递到哪里了', '能便宜一点吗', '颜色和图片一样吗', '优惠券怎么用', '麻烦帮我查一下订单', '谢谢客服'];

/** mulberry32: a small seeded generator, the same numbers on every machine. */
export const seeded = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(next: () => number, items: readonly T[] | string): T => items[Math.floor(next() * items.length)] as T;

export const sensitiveWords = (count: number, seed = 1): readonly string[] => {
  const next = seeded(seed);
  const words = new Set<string>();
  while (words.size < count) {
    const r = next();
    if (r < 0.85) {
      // Two characters for one word in six, three or four for the rest (short words match ordinary text by chance).
      const n = next() < 1 / 6 ? 2 : 3 + Math.floor(next() * 2);
      let w = '';
      for (let i = 0; i < n; i++) w += pick<string>(next, COMMON);
      words.add(w);
    } else if (r < 0.95) words.add(`${pick(next, LATIN)}${Math.floor(next() * 1000)}`);
    else words.add(`${pick(next, LATIN)}${pick<string>(next, COMMON)}${pick<string>(next, COMMON)}`);
  }
  return [...words];
};

/** Messages of 50 to 300 characters; about a third hold one or two of `words`. */
export const messages = (count: number, words: readonly string[], seed = 2): readonly string[] => {
  const next = seeded(seed);
  const out: string[] = [];
  for (let m = 0; m < count; m++) {
    const length = 50 + Math.floor(next() * 251);
    const planted = next() < 0.33 ? 1 + Math.floor(next() * 2) : 0;
    let text = '';
    let left = planted;
    while (text.length < length) {
      const r = next();
      if (left > 0 && r < 0.1) {
        text += pick(next, words);
        left--;
      } else if (r < 0.6) text += pick(next, PHRASES) + pick(next, '，。！？');
      else if (r < 0.7) text += ` 订单号SO${20261200000 + Math.floor(next() * 99999)} `;
      else if (r < 0.75) text += ' iPhone 15 Pro Max ';
      else if (r < 0.8) text += ' https://shop.example.com/item/' + Math.floor(next() * 1e6) + ' ';
      else for (let i = 0; i < 2 + Math.floor(next() * 4); i++) text += pick<string>(next, COMMON);
    }
    out.push(text.slice(0, length));
  }
  return out;
};
