/** The `value` of the input with this id anywhere in a card, as the user will see it. */
export function inputValue(card: { body?: unknown }, id: string): unknown {
  let value: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.id === id && String(element.type).startsWith('Input.')) value = element.value;
      Object.values(element).forEach(walk);
    }
  };
  walk(card.body);
  return value;
}
