import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { linkedInAdapter } from '@/lib/detect/sites/linkedin.dom';

const PROFILE = 'https://www.linkedin.com/in/grace-hopper-1906/';
const CANONICAL = 'https://www.linkedin.com/in/grace-hopper-1906';
const PHOTO = 'https://media.licdn.com/dms/image/v2/D4E03AQGraceHop/profile-displayphoto-shrink_200_200/0/1700000000000?e=1800000000&v=beta&t=Xy';

function read(html: string, url = PROFILE) {
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return linkedInAdapter.read(document, new URL(url));
}

function topCard({ extra = '', photo = PHOTO, links = '' } = {}) {
  return `<main><section data-member-id="719284653" class="artdeco-card">
    <img class="pv-top-card-profile-picture__image--show evi-image" src="${photo}" alt="Grace Hopper">
    <a href="/in/grace-hopper-1906/overlay/about-this-profile/"><h1 class="inline t-24 v-align-middle break-words">Grace Hopper</h1></a>
    <span class="text-body-small v-align-middle break-words t-black--light">She/Her</span>
    <div class="text-body-medium break-words">Rear Admiral</div>
    ${extra}
    <span class="text-body-small inline t-black--light break-words">Arlington, Virginia, United States</span>
    ${links}
  </section></main>`;
}

const RAIL = `<aside class="scaffold-layout__aside"><section><h2>People also viewed</h2><ul><li><a href="https://www.linkedin.com/in/john-backus-1924/"><h1>John Backus</h1></a><div class="text-body-medium">Inventor of FORTRAN</div></li></ul></section></aside>`;
const NAV = `<header id="global-nav"><img class="global-nav__me-photo" src="https://media.licdn.com/dms/image/v2/ada" alt="Ada Lovelace"><a href="https://www.linkedin.com/in/ada-lovelace/">Ada Lovelace</a></header>`;

function jsonLd(data: unknown) {
  return `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
}

const PERSON = {
  '@type': 'Person',
  name: 'Grace Hopper',
  jobTitle: ['Rear Admiral'],
  worksFor: [{ '@type': 'Organization', name: 'United States Navy' }],
  address: { '@type': 'PostalAddress', addressLocality: 'Arlington, Virginia, United States', addressCountry: 'US' },
  image: { '@type': 'ImageObject', contentUrl: PHOTO },
  url: 'https://de.linkedin.com/in/grace-hopper-1906',
};

describe('LinkedIn adapter', () => {
  it('runs on profile pages of any LinkedIn host', () => {
    expect(linkedInAdapter.matches(new URL(PROFILE))).toBe(true);
    expect(linkedInAdapter.matches(new URL('https://de.linkedin.com/in/grace-hopper-1906'))).toBe(true);
    expect(linkedInAdapter.matches(new URL('https://www.linkedin.com/feed/'))).toBe(false);
    expect(linkedInAdapter.matches(new URL('https://www.linkedin.com/company/united-states-navy/'))).toBe(false);
  });

  it('reads only the top card in the member view: not the rail, not the viewer in the navigation', () => {
    const reading = read(NAV + topCard({ extra: '<button aria-label="Current company: United States Navy. Click to skip to experience card"></button>' }) + RAIL);
    expect(reading.contacts).toEqual([
      {
        name: 'Grace Hopper',
        title: 'Rear Admiral',
        company: 'United States Navy',
        location: 'Arlington, Virginia, United States',
        photo: PHOTO,
        profiles: [{ kind: 'linkedin', url: CANONICAL }],
        role: 'subject',
        evidence: [{ detector: 'linkedin', element: 'h1.inline.t-24.v-align-middle' }],
      },
    ]);
    expect(reading.context).toEqual({ kind: 'profile', site: 'linkedin', url: CANONICAL });
  });

  it('finds nobody on a page without the top card ("People also viewed" alone, details pages)', () => {
    expect(read(NAV + RAIL).contacts).toEqual([]);
    const details = read(`<main><section><h2>Experience</h2><ul><li><span aria-hidden="true">Rear Admiral</span></li></ul></section></main>${RAIL}`, `${PROFILE}details/experience/`);
    expect(details).toEqual({ contacts: [] });
  });

  it('takes the slug from the top card when the address bar shows a member id', () => {
    const reading = read(topCard({ links: '<a href="/in/grace-hopper-1906/overlay/contact-info/">Contact info</a>' }), 'https://www.linkedin.com/in/ACoAAB7sT2sBkqZ3/');
    expect(reading.contacts[0]?.profiles).toEqual([{ kind: 'linkedin', url: CANONICAL }]);
  });

  it('proposes nobody on the viewer\'s own profile and reports it as the signed-in user', () => {
    const own = read(topCard({ extra: '<a href="/in/grace-hopper-1906/edit/intro/?profileFormEntryPoint=PROFILE_SECTION" aria-label="Edit intro"></a>' }));
    expect(own).toEqual({ contacts: [], signedInUser: { profileUrls: [CANONICAL] } });
  });

  it('keeps photos on media.licdn.com only (the grey silhouette and data: URIs are not photos)', () => {
    expect(read(topCard({ photo: 'https://static.licdn.com/aero-v1/sc/h/9c8pery4andzj6ohjkjp54ma2' })).contacts[0]?.photo).toBeUndefined();
    expect(read(topCard({ photo: 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP' })).contacts[0]?.photo).toBeUndefined();
    expect(read(topCard({ photo: 'http://media.licdn.com/dms/image/x' })).contacts[0]?.photo).toBeUndefined();
  });

  it('falls back to the first experience entry for the current company', () => {
    const single = `<section><div id="experience"></div><ul><li><div class="t-bold"><span aria-hidden="true">Rear Admiral</span></div><span class="t-14 t-normal"><span aria-hidden="true">United States Navy · Full-time</span></span></li></ul></section>`;
    const grouped = `<section><div id="experience"></div><ul><li><div class="t-bold"><span aria-hidden="true">United States Navy</span></div><span class="t-14 t-normal"><span aria-hidden="true">Full-time · 19 yrs</span></span><ul><li><div class="t-bold"><span aria-hidden="true">Rear Admiral</span></div></li><li><div class="t-bold"><span aria-hidden="true">Commodore</span></div></li></ul></li></ul></section>`;
    expect(read(topCard() + single).contacts[0]?.company).toBe('United States Navy');
    expect(read(topCard() + grouped).contacts[0]?.company).toBe('United States Navy');
    expect(read(topCard()).contacts[0]?.company).toBeUndefined();
  });

  it('reads the public view from its JSON-LD Person, canonical whatever country host was visited', () => {
    const reading = read(
      `${jsonLd({ '@context': 'http://schema.org', '@graph': [PERSON, { '@type': 'WebPage', reviewedBy: { '@type': 'Person', name: 'Someone Else' } }] })}
       <section class="top-card-layout"><h1 class="top-card-layout__title">Grace Hopper</h1><h2 class="top-card-layout__headline">Rear Admiral · Computer Scientist</h2></section>
       <section class="aside-section-container"><a href="https://de.linkedin.com/in/john-backus-1924?trk=public_profile_browsemap"><h3 class="base-aside-card__title">John Backus</h3></a></section>`,
      'https://de.linkedin.com/in/grace-hopper-1906?trk=people-guest_people_search-card',
    );
    expect(reading.contacts).toEqual([
      {
        name: 'Grace Hopper',
        title: 'Rear Admiral · Computer Scientist',
        company: 'United States Navy',
        location: 'Arlington, Virginia, United States',
        photo: PHOTO,
        profiles: [{ kind: 'linkedin', url: CANONICAL }],
        role: 'subject',
        evidence: [{ detector: 'linkedin', element: 'script' }],
      },
    ]);
    expect(reading.context).toEqual({ kind: 'profile', site: 'linkedin', url: CANONICAL });
  });

  it('takes the job title when the public view has no headline, and a top-level array of nodes', () => {
    const reading = read(jsonLd([PERSON]), 'https://www.linkedin.com/in/grace-hopper-1906');
    expect(reading.contacts[0]).toMatchObject({ name: 'Grace Hopper', title: 'Rear Admiral' });
  });

  it('ignores a JSON-LD Person who is not this profile, and broken JSON-LD', () => {
    const other = jsonLd({ ...PERSON, name: 'John Backus', url: 'https://www.linkedin.com/in/john-backus-1924' });
    expect(read(other)).toEqual({ contacts: [] });
    const broken = '<script type="application/ld+json">{"@type": "Person", "name": </script>';
    expect(read(broken + topCard()).contacts[0]?.name).toBe('Grace Hopper');
  });

  it('falls back to the public top card when the JSON-LD is missing', () => {
    const reading = read(
      `<main><section class="top-card-layout"><img class="top-card-layout__entity-image" data-delayed-url="${PHOTO}" alt="Grace Hopper">
        <h1 class="top-card-layout__title">Grace Hopper</h1><h2 class="top-card-layout__headline">Rear Admiral</h2>
        <h3 class="top-card-layout__first-subline"><div class="not-first-middot"><span>Arlington, Virginia, United States</span><span>500+ connections</span></div></h3>
        <div data-section="currentPositionsDetails"><a class="top-card-link"><span class="top-card-link__description">United States Navy</span></a></div>
      </section></main>`,
      'https://uk.linkedin.com/in/grace-hopper-1906',
    );
    expect(reading.contacts).toEqual([
      {
        name: 'Grace Hopper',
        title: 'Rear Admiral',
        company: 'United States Navy',
        location: 'Arlington, Virginia, United States',
        photo: PHOTO,
        profiles: [{ kind: 'linkedin', url: CANONICAL }],
        role: 'subject',
        evidence: [{ detector: 'linkedin', element: 'h1.top-card-layout__title' }],
      },
    ]);
  });

  it('gives fewer fields, never an exception, on broken markup', () => {
    for (const html of [
      '',
      '<main><h1></h1></main>',
      '<section data-member-id="1"></section>',
      jsonLd({ '@type': 'Person', url: 42, name: { first: 'x' }, image: [null], address: 7 }),
      jsonLd(null),
      jsonLd('Person'),
    ]) {
      expect(() => read(html)).not.toThrow();
    }
    expect(read('<main><section data-member-id="1"><h1> </h1></section></main>').contacts).toEqual([]);
  });

  it('works through detect(): one subject, the page owner', () => {
    const { document } = parseHTML(`<html><body>${NAV}${topCard()}${RAIL}</body></html>`);
    const { contacts, context } = detect(document, PROFILE);
    expect(contacts.map((contact) => contact.name)).toEqual(['Grace Hopper']);
    expect(context).toEqual({ kind: 'profile', site: 'linkedin', url: CANONICAL });
  });
});
