// The answerable choices of an item, whatever its type, in display order.
import type { ParticipantItem, RichContent } from '@petakom/domain';

export interface Choice {
  value: string | number;
  content: RichContent;
}

export function choicesOf(item: ParticipantItem): Choice[] {
  switch (item.type) {
    case 'single_choice':
    case 'sjt':
      return item.options.map((o) => ({ value: o.id, content: o.content }));
    case 'self_assessment':
      return item.statements.map((s) => ({ value: s.id, content: s.content }));
    case 'likert':
      return item.scale.map((s) => ({ value: s.value, content: { text: s.label } }));
  }
}
