// Placeholder until the extension build lands.
console.log('extension build: nothing yet');
