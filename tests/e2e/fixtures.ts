import { test as base, expect, type Page } from '@playwright/test';
import { startWebHost, type RunningWebHost } from './webHost';
import { importFiles, newProject, reopenProject } from './workbench';

export { expect };

/** The web host a test drives: a fresh one (and a fresh data folder) for every test. */
export interface TestWebHost {
  readonly url: string;
  readonly launchUrl: string;
  readonly dataDir: string;
  /**
   * Stops the host and starts it again on the same data folder, as a person restarting Gloss does, and opens the
   * new host's start screen in `page`. The page leaves first: a host stopped under an open page cuts its event
   * stream, which the console reports (and the specs assert the console stays clean).
   */
  restart(page: Page): Promise<void>;
}

/**
 * `test` with a `host` fixture: the real loopback web host started for each test and stopped after it. A host per
 * test, not per file: the host keeps its project open across page loads, so each test would otherwise not start
 * from the start screen, and one test's projects would show in the next one's list.
 */
export const test = base.extend<{ host: TestWebHost }>({
  // Playwright reads a fixture's dependencies from the destructuring pattern, so the empty pattern is required.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    let running: RunningWebHost = await startWebHost();
    await use({
      get url() {
        return running.url;
      },
      get launchUrl() {
        return running.launchUrl;
      },
      get dataDir() {
        return running.dataDir;
      },
      async restart(page) {
        const dataDir = running.dataDir;
        await page.goto('about:blank');
        await running.stop();
        running = await startWebHost({ dataDir });
        await page.goto(running.launchUrl);
      },
    });
    await running.stop();
  },
});

/** Opens the host's start screen in `page` and creates a project of that name there, the way most tests begin. */
export async function openNewProject(page: Page, host: Pick<TestWebHost, 'launchUrl'>, name: string): Promise<void> {
  await page.goto(host.launchUrl);
  await newProject(page, name);
}

/**
 * A new project with these articles, closed and opened again from the list: the daily backup is made (and checked)
 * when a project with contents is opened, so the test goes on with one backup of these articles.
 */
export async function openBackedUpProject(page: Page, host: TestWebHost, name: string, files: { name: string; bytes: Buffer }[]): Promise<void> {
  await openNewProject(page, host, name);
  await importFiles(page, files);
  await reopenProject(page, name);
  await expect(page.getByTestId('article-row')).toHaveCount(files.length);
}
