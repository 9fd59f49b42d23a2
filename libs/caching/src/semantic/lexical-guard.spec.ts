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

  it('names a schema object from either side of the schema word', () => {
    expect(salientFeatures('drop the table named users')).toContain('name:user');
    expect(salientFeatures('the email column')).toContain('name:email');
  });
});
