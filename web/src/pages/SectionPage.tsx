import { PageTitle } from '../components/AppShell';
import { useDocumentTitle } from '../hooks';
import type { SectionInfo } from '../sections';

export function SectionPage({ section }: { section: SectionInfo }) {
  useDocumentTitle(section.title);
  return (
    <>
      <PageTitle>{section.title}</PageTitle>
      <p className="tag">Coming in a later release</p>
      <p className="lead">{section.intro}</p>
      <section aria-labelledby="will-hold-heading" className="section panel">
        <h2 id="will-hold-heading">What this section will hold</h2>
        <ul className="checklist">
          {section.willHold.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p className="muted">
          <strong>Mainly for:</strong> {section.audience}
        </p>
      </section>
      <p className="muted after-panel">
        Nothing is recorded here yet: this page describes what a later release will add.
      </p>
    </>
  );
}
