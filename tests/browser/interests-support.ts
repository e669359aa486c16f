/** Steps of the interests section shared by its browser tests. */
import type { Page } from 'playwright-core'

/** Opens an invite link at the interests section, answers "who are you" and "whom do you speak for". */
export async function joinInterests(page: Page, link: string, name: string, organisation: string, speaksFor: string): Promise<void> {
  await page.goto(link.replace('#', '?view=interests#'))
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Your organisation').fill(organisation)
  await page.getByRole('button', { name: 'Join' }).click()
  const prompt = page.locator('.speaks-for-prompt')
  await prompt.getByRole('radio', { name: speaksFor }).first().check()
  await prompt.getByRole('button', { name: 'Confirm' }).click()
  await prompt.waitFor({ state: 'detached' })
  await page.getByTestId('interests-section').waitFor()
}

export async function writeCard(page: Page, text: string, kind: 'interest' | 'brings', onBehalfOf?: string): Promise<void> {
  const composer = page.locator('.card-composer')
  await composer.getByRole('radio', { name: kind === 'brings' ? 'What we bring' : 'Interest or expectation' }).check()
  if (onBehalfOf) await composer.getByLabel('On behalf of').selectOption({ label: onBehalfOf })
  await composer.getByRole('textbox').fill(text)
  await composer.getByRole('button', { name: 'Add the card' }).click()
}

export const mapCard = (page: Page, text: string) => page.getByTestId('interests-map').locator('[data-card-id]', { hasText: text })
