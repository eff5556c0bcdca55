export { chi2Sf, normSf, tTwoSided } from './special/distributions.js';
