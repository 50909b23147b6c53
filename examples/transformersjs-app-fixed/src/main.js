import { createClassifier } from './classifier.js';

const classify = await createClassifier();
document.querySelector('#run').addEventListener('click', async () => {
  const text = document.querySelector('#text').value;
  document.querySelector('#out').textContent = JSON.stringify(await classify(text), null, 2);
});
