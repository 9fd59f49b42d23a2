import { lexicallyCompatible, salientFeatures } from './lexical-guard';

describe('lexicallyCompatible', () => {
  it.each([
    ['List every row of the users table', 'Show me all rows in the users table'],
    ['How do I reverse a string in Python?', 'In Python, what is the way to reverse a string?'],
    ['What is the capital of France?', 'Tell me the capital city of France'],
    ['Convert 100 Celsius to Fahrenheit', 'What is 100 degrees Celsius in Fahrenheit?'],
  ])('lets paraphrases through: %s / %s', (a, b) => {
    expect(lexicallyCompatible(a, b)).toBe(true);
  });

  it.each([
    ['List every row of the users table', 'List every row of the orders table'],
    ['Show the top 10 customers', 'Show the top 20 customers'],
    ['How do I reverse a string in Python?', 'How do I reverse a string in Java?'],
    ['List users who verified their email', 'List users who have not verified their email'],
    ['Sort the orders table by created_at', 'Sort the orders table by updated_at'],
    ['Sort products by price ascending', 'Sort products by price descending'],
    ['Translate "good morning" to Spanish', 'Translate "good night" to Spanish'],
  ])('vetoes near-misses: %s / %s', (a, b) => {
    expect(lexicallyCompatible(a, b)).toBe(false);
  });

  it.each([
    ['How do I convert a string to an integer in Java?', 'How do I convert an integer to a string in Java?'],
    ['Copy the logs from the laptop to the server', 'Copy the logs from the server to the laptop'],
    ['How many grams are in an ounce?', 'How many ounces are in a gram?'],
  ])('vetoes swapped arguments of a connector: %s / %s', (a, b) => {
    expect(lexicallyCompatible(a, b)).toBe(false);
  });

  it.each([
    ['Grant read access on the sales schema to analysts', 'Revoke read access on the sales schema from analysts'],
    ['How do I install Docker on Fedora?', 'How do I uninstall Docker on Fedora?'],
    ['How do I connect the VPN at boot?', 'How do I disconnect the VPN at boot?'],
    ['Attach the disk to the VM', 'Detach the disk from the VM'],
  ])('vetoes opposite verbs, prefixed ones included: %s / %s', (a, b) => {
    expect(lexicallyCompatible(a, b)).toBe(false);
  });

  it.each([
    ['In Go, how do I convert a string to an int?', 'How do I convert a string to an int in Go?'],
    ['Which command adds a user to the sudo group?', 'How can I add my user to the sudo group?'],
    ['How do I turn on dark mode in VS Code?', 'Enable dark mode in VS Code'],
  ])('moving a phrase or inflecting a verb is still a paraphrase: %s / %s', (a, b) => {
    expect(lexicallyCompatible(a, b)).toBe(true);
  });

  it('names a schema object from either side of the schema word', () => {
    expect(salientFeatures('drop the table named users')).toContain('name:user');
    expect(salientFeatures('the email column')).toContain('name:email');
  });
});
