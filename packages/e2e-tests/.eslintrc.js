module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The install test's stock app is its own project, with its own dependencies.
  ignorePatterns: ['fixtures/'],
});
