/**
 * Registers what the district config seeds (forums, the action plan's activities), once: each
 * item is created unless one with its id is stored already, and then nothing is written, so what
 * coordinators changed in Teams since is kept. `create` answers false for an id that exists.
 * Returns how many were created.
 */
export async function seedOnce<Seed, Item>(seeds: readonly Seed[], build: (seed: Seed, index: number) => Item, create: (item: Item) => Promise<boolean>): Promise<number> {
  let created = 0;
  for (const [index, seed] of seeds.entries()) {
    if (await create(build(seed, index))) created += 1;
  }
  return created;
}
